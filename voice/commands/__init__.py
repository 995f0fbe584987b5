"""The sub-commands, in the order `smallwins --help` lists them."""

from voice.commands import agenda, breathe, data_commands, routine, schedule, understand

COMMAND_MODULES = [
    understand,
    data_commands,
    breathe,
    agenda,
    schedule,
    routine,
]

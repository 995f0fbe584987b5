"""The sub-commands, in the order `smallwins --help` lists them."""

from voice.commands import breathe, data_commands, understand

COMMAND_MODULES = [
    understand,
    data_commands,
    breathe,
]

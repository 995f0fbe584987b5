"""The sub-commands, in the order `smallwins --help` lists them."""

from voice.commands import (
    agenda,
    breathe,
    data_commands,
    devices,
    listen,
    routine,
    run,
    schedule,
    understand,
)

COMMAND_MODULES = [
    run,
    listen,
    understand,
    data_commands,
    breathe,
    agenda,
    schedule,
    routine,
    devices,
]

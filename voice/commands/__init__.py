"""The sub-commands, in the order `smallwins --help` lists them."""

from voice.commands import (
    agenda,
    breathe,
    data_commands,
    devices,
    entries,
    listen,
    routine,
    run,
    schedule,
    setup,
    understand,
)

COMMAND_MODULES = [
    setup,
    run,
    listen,
    understand,
    entries,
    data_commands,
    breathe,
    agenda,
    schedule,
    routine,
    devices,
]

"""Exit codes after sysexits.h, so scripts can tell failures apart."""

EXIT_USAGE = 64  # the command was given wrongly
EXIT_DATA = 65  # the input or stored data is not usable
EXIT_UNAVAILABLE = 69  # a device, model or service is missing
EXIT_CANT_CREATE = 73  # a file or folder cannot be written
EXIT_IO = 74  # reading or writing failed (a full disk)
EXIT_TEMPFAIL = 75  # busy now; trying again later may work

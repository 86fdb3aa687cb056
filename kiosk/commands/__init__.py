"""Staff subcommands of ``kiosk``, one module per area; each defines ``register(commands)``."""

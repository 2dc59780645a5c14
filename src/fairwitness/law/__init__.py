"""The law core: rules as code. Pure Python; imports nothing from Django or the web apps."""

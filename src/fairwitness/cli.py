"""The one command-line tool: ``fairwitness …``. Each area registers its commands here."""
from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Fair Witness: a family's record of children's services, checked against the law.")

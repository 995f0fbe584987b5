"""Where Small Wins keeps its settings and data."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "smallwins"
HOME_VARIABLE = "SMALLWINS_HOME"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    home: Path | None = None  # the one folder SMALLWINS_HOME named, if any

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "smallwins.db"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def sentences_dir(self) -> Path:
        """Custom hassil sentence files a person adds."""
        return self.config_dir / "sentences"

    def own_top(self, folder: Path) -> Path:
        """The highest of the program's own folders above `folder` (or `folder` itself)."""
        if self.home is not None and folder.is_relative_to(self.home):
            return self.home
        return next((own for own in (self.data_dir, self.config_dir)
                     if folder.is_relative_to(own)), folder)

    @classmethod
    def from_environment(cls) -> Paths:
        """`SMALLWINS_HOME` puts both folders under one; otherwise the platform's folders."""
        home = os.environ.get(HOME_VARIABLE)
        if home:
            root = Path(home).expanduser()
            return cls(config_dir=root / "config", data_dir=root / "data", home=root)
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
        )

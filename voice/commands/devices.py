"""`smallwins devices` and `smallwins model`: the microphone and the speech models."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from voice import vosk_models, whisper_models
from voice.app import EXIT_DATA, EXIT_UNAVAILABLE, App, UserError
from voice.audio import AudioError, list_devices
from voice.vosk_models import DEFAULT_MODEL, ModelError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("devices", help="list the microphones that can be used")
    p.set_defaults(func=devices)

    p = sub.add_parser("model", help="install, list or remove speech models (Whisper, Vosk)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    whisper = ", ".join(whisper_models.catalogue())
    install = actions.add_parser(
        "install", help=f"install a Whisper model ({whisper}), Vosk's {DEFAULT_MODEL} "
        "(about 40 MB, the default), or a model you already have")
    about = "; ".join(f"{n}: {e.about}" for n, e in whisper_models.catalogue().items())
    install.add_argument("name", nargs="?", default=DEFAULT_MODEL,
                         help=f"{about}; or a Vosk model (default {DEFAULT_MODEL})")
    install.add_argument("--from", dest="source", type=Path, metavar="PATH",
                         help="a model folder (or a Vosk zip) on disk instead of downloading")
    install.set_defaults(func=model_install)
    actions.add_parser("list", help="installed models").set_defaults(func=model_list)
    remove = actions.add_parser("remove", help="delete an installed model")
    remove.add_argument("name")
    remove.set_defaults(func=model_remove)


def devices(args: argparse.Namespace, app: App) -> int:
    try:
        found = list_devices()
    except AudioError as error:
        raise UserError(str(error), EXIT_UNAVAILABLE) from error
    if not found:
        print("No microphone found. Connect one, or try `smallwins text` or "
              "`smallwins listen --wav FILE`.")
        return EXIT_UNAVAILABLE
    for device in found:
        mark = "*" if device.is_default else " "
        print(f"{mark} {device.index:3d}  {device.name}  ({device.channels} ch, "
              f"{device.default_samplerate:.0f} Hz)")
    print("Choose one with input_device = \"NAME or INDEX\" in config.toml, or --device.")
    return 0


def _progress(done: int, total: int | None) -> None:
    if total:
        filled = int(30 * done / total)
        print(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done / 1e6:5.1f} of "
              f"{total / 1e6:.1f} MB", end="", file=sys.stderr, flush=True)
    else:
        print(f"\r  {done / 1e6:5.1f} MB", end="", file=sys.stderr, flush=True)


def model_install(args: argparse.Namespace, app: App) -> int:
    whisper = args.name in whisper_models.catalogue()
    try:
        if args.source is not None and whisper:
            model = whisper_models.install_from_path(app.paths, args.source, args.name)
        elif args.source is not None:
            model = vosk_models.install_from_path(app.paths, args.source)
        elif whisper:
            print(f"Downloading {args.name} ...", file=sys.stderr)
            model = whisper_models.install_from_url(app.paths, args.name, progress=_progress)
            print(file=sys.stderr)
        elif args.name == DEFAULT_MODEL:
            print(f"Downloading {DEFAULT_MODEL} ...", file=sys.stderr)
            model = vosk_models.install_from_url(app.paths, progress=_progress)
            print(file=sys.stderr)
        else:
            raise ModelError(
                f"No model called '{args.name}' can be downloaded; choose one of "
                f"{', '.join([*whisper_models.catalogue(), DEFAULT_MODEL])}, or install a "
                "Vosk model you already have with --from PATH.")
    except ModelError as error:
        raise UserError(str(error), EXIT_DATA) from error
    print(f"Installed {model.name} ({model.size_bytes / 1e6:.0f} MB) in {model.path}. "
          "It is used from the next start (engine = \"auto\").")
    if whisper and importlib.util.find_spec("faster_whisper") is None:
        print("faster-whisper is not installed, and Whisper needs it: run "
              "`pip install 'smallwins[whisper]'` before the next start.", file=sys.stderr)
    return 0


def model_list(args: argparse.Namespace, app: App) -> int:
    kinds = (("Whisper", whisper_models.list_models(app.paths)),
             ("Vosk", vosk_models.list_models(app.paths)))
    if not any(models for _, models in kinds):
        print("No speech model is installed; the embedded PocketSphinx model is used. "
              "Run `smallwins model install whisper-tiny.en` for Whisper.")
    for kind, models in kinds:
        for model in models:
            print(f"{model.name}  {kind}  {model.size_bytes / 1e6:.0f} MB  {model.path}")
    return 0


def model_remove(args: argparse.Namespace, app: App) -> int:
    kind = whisper_models if args.name in whisper_models.catalogue() else vosk_models
    try:
        folder = kind.remove_model(app.paths, args.name)
    except ModelError as error:
        raise UserError(str(error), EXIT_DATA) from error
    print(f"Removed {folder}")
    return 0

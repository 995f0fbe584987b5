"""`smallwins run`: the assistant, listening for its wake phrase until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path
from types import FrameType

from voice.app import EXIT_UNAVAILABLE, App, UserError
from voice.audio import AudioError, MicrophoneSource, WavSource, list_devices
from voice.commands.setup import ask_on_first_run
from voice.day_schedule import DaySchedule
from voice.hearing import Hearing, wake_detector
from voice.service import Service
from voice.speaker import SpeakerError

NO_MICROPHONE = (
    "No microphone was found (sound input devices: none). Connect one and run "
    "`smallwins devices` to check. Meanwhile you can type: smallwins text \"I watered the "
    "plant\" (or `smallwins chat`), or use a recording: smallwins listen --wav FILE."
)


class PrintedSpeaker:
    """--silent: replies are printed (by the loop) instead of spoken."""

    is_speaking = False

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="start the assistant: say the wake phrase, then speak")
    p.add_argument("--device", help="microphone name or index (see `smallwins devices`)")
    p.add_argument("--input-wav", type=Path, metavar="FILE",
                   help="use a WAV file as the microphone, then stop at its end")
    p.add_argument("--realtime", action="store_true",
                   help="with --input-wav: feed the file at the pace of speech")
    p.add_argument("--silent", action="store_true", help="print replies instead of speaking")
    p.add_argument("--sentences", type=Path, action="append", default=[], metavar="FILE",
                   help="extra hassil sentence file for this run")
    p.set_defaults(func=run)


def _source(args: argparse.Namespace, app: App) -> WavSource | MicrophoneSource:
    if args.input_wav is not None:
        source = WavSource(args.input_wav, realtime=args.realtime)
        source.info()  # a file that cannot be read fails here, before anything starts
        return source
    device = args.device or app.settings.input_device or None
    if device is not None and device.isdigit():
        device = int(device)
    try:
        microphones = list_devices()
    except AudioError as error:
        raise UserError(str(error), EXIT_UNAVAILABLE) from error
    if not microphones:
        raise UserError(NO_MICROPHONE, EXIT_UNAVAILABLE)
    return MicrophoneSource(device)


def run(args: argparse.Namespace, app: App) -> int:
    logging.basicConfig(level=logging.WARNING, format="smallwins: %(message)s")
    app.extra_sentences.extend(args.sentences)
    try:
        source = _source(args, app)
    except AudioError as error:
        raise UserError(str(error), EXIT_UNAVAILABLE) from error
    ask_on_first_run(app)
    store = app.store()
    hearing = Hearing.build(app, store)
    speaker, guide = _mouth(args, app)
    day = DaySchedule(store, app.settings, hearing.skill, app.clock)
    from voice.stop_word import StopSpotter

    service = Service(app, hearing, wake_detector(app), speaker, schedule=day, guide=guide,
                      stop_spotter=StopSpotter())

    def stop(signum: int, frame: FrameType | None) -> None:
        service.stopping.set()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    print(f"Listening for \"{app.settings.wake_word}\". Ctrl-C to stop.", file=sys.stderr)
    try:
        stats = service.run(source.chunks())
    except AudioError as error:
        raise UserError(str(error), EXIT_UNAVAILABLE) from error
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        speaker.close()
    print(f"Stopped. Heard the wake phrase {stats.wakes} time(s), "
          f"{stats.utterances} utterance(s).", file=sys.stderr)
    return 0


def _mouth(args: argparse.Namespace, app: App):  # noqa: ANN202 - (Speaker, Guide | None)
    if args.silent:
        return PrintedSpeaker(), None
    from voice.live_breathing import LiveBreathing
    from voice.speaker import SoundDeviceOutput, VoiceSpeaker

    output = SoundDeviceOutput()
    try:
        speaker = VoiceSpeaker(app.settings.speech_rate, app.settings.voice, output)
    except SpeakerError as error:
        raise UserError(f"{error} Use --silent to print replies instead.",
                        EXIT_UNAVAILABLE) from error
    return speaker, LiveBreathing(app, output)

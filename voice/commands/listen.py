"""`smallwins listen --wav FILE...`: the whole path on audio files, one utterance per file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from models.store import Store
from voice.app import EXIT_DATA, App
from voice.audio import AudioError, WavSource
from voice.commands.understand import understood
from voice.hearing import Hearing, sounds_like_note

MAX_UTTERANCE_SECONDS = 30  # one file is one utterance; a longer file is refused


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "listen",
        help="hear WAV files as if spoken: transcript, intent, safety, reply",
        description="Each file is one utterance. Prints the transcript, intent, slots, safety "
        "screen, the reply and how long decoding took. Any rate, sample size (8 to 32-bit PCM) "
        f"or channel count is fine; up to {MAX_UTTERANCE_SECONDS} s per file.",
    )
    p.add_argument("--wav", type=Path, nargs="+", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.add_argument("--dry-run", action="store_true", help="store nothing")
    p.add_argument("--sentences", type=Path, action="append", default=[], metavar="FILE",
                   help="extra hassil sentence file for this run (may be repeated)")
    p.set_defaults(func=listen)


def listen(args: argparse.Namespace, app: App) -> int:
    app.extra_sentences.extend(args.sentences)
    store = Store.memory() if args.dry_run else app.store()
    hearing = Hearing.build(app, store)
    status = 0
    for path in args.wav:
        try:
            heard = hearing.hear(WavSource(path, max_seconds=MAX_UTTERANCE_SECONDS).chunks())
        except AudioError as error:
            print(f"smallwins: {error}", file=sys.stderr, flush=True)
            status = EXIT_DATA
            continue
        turn, transcript = heard.turn, heard.transcript
        result = {
            "file": str(path),
            "transcript": transcript.text,
            "recogniser_said": transcript.heard_as or transcript.text,
            "confidence": round(transcript.confidence, 3),
            **understood(transcript.text, turn.screen, turn.intent),
            "reply": turn.reply.text,
            "audio_seconds": round(transcript.audio_seconds, 3),
            "decode_seconds": round(transcript.decode_seconds, 3),
        }
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        else:
            print(f"{path}\n  heard:  {transcript.text or '(nothing)'}"
                  f"  [confidence {transcript.confidence:.2f}]"
                  f"{sounds_like_note(transcript)}\n"
                  f"  intent: {result['intent']} {result['slots'] or ''}\n"
                  f"  safety: {result['safety']}\n  reply:  {turn.reply.text}\n"
                  f"  {transcript.audio_seconds:.1f} s of audio decoded in "
                  f"{transcript.decode_seconds:.2f} s", flush=True)
    return status

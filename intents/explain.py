"""Why an utterance was understood as it was: each layer's result, as lines to print."""

from __future__ import annotations

from intents.safety import Screen
from intents.values import Intent


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def explain(text: str, screen: Screen, intent: Intent | None) -> list[str]:
    """Normalised text, lemmas, clauses with who, tense and negation, what the screen saw in
    each clause, and the intent with its slots."""
    analysis = screen.analysis
    lines = [f"said:        {text}"]
    if analysis is not None:
        lines += [f"normalised:  {analysis.text}", f"lemmas:      {analysis.line}"]
        for number, clause in enumerate(analysis.clauses, start=1):
            lines.append(
                f"clause {number}:    \"{clause.text}\"  about={clause.subject} "
                f"tense={clause.tense} negated={_yes(clause.negated)} "
                f"question={_yes(clause.question)}")
            for finding in screen.findings:
                if finding.clause == clause.text:
                    reason = f" (explained by \"{finding.explained_by}\")"
                    denied = " (denied)" if finding.negated else \
                        reason if finding.explained_by else ""
                    concepts = ", ".join(finding.concepts) or "-"
                    lines.append(f"             -> {finding.level.value}: {finding.kind}{denied}"
                                 f"  about={finding.about}  concepts: {concepts}"
                                 f"  words: \"{finding.words}\"")
    if screen.resemblance is not None:
        kinds = ", ".join(screen.resemblance.risk_kinds) or "none"
        lines.append(f"resembles:   risk examples, log-odds {screen.resemblance.score:.2f}; "
                     f"likeliest risk kinds: {kinds}")
    if screen.masked:
        lines.append("set aside:   " + "; ".join(f'"{m}"' for m in screen.masked))
    flags = [name for name, on in (("past ideation", screen.past_ideation),
                                   ("a win is confirmed gently", screen.caution)) if on]
    kind = f" ({screen.category})" if screen.category else ""
    lines.append(f"screen:      {screen.level.value}{kind}" + (f"; {', '.join(flags)}"
                                                               if flags else ""))
    if intent is None:
        lines.append("intent:      none" + (" (the screen decided)" if screen.level.value != "none"
                                            else ""))
    else:
        lines.append(f"intent:      {intent.name}  slots: {intent.slots}")
    return lines

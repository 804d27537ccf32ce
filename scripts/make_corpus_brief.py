"""Rebuild the material a corpus writer is given: for each dataset, the three prompts an LLM
receives (exactly as narrator builds them), facts.json and the built-in article.

Helpers who write prose corpora (tests/prose_corpus/BRIEF.md) must never read narrator's code;
they read only this folder and ../shared/reference/. The folder lives outside the repository
(it is lost with the machine), so it is rebuilt from the pipeline itself, never copied by hand.

Run: python scripts/make_corpus_brief.py [--out /work/corpus_brief]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_prose import DATASETS, facts_for  # noqa: E402

from narrator.config import Settings  # noqa: E402
from narrator.draft.prompting import build_prompts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/work/corpus_brief"))
    args = parser.parse_args()
    settings = Settings()
    for name, (path, month) in DATASETS.items():
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        for prompt in build_prompts(facts_for(name), settings, settings.llm.prompt_budget):
            text = "\n\n".join(f"=== {m['role']} ===\n{m['content']}" for m in prompt.messages)
            (folder / f"prompt_{prompt.section}.txt").write_text(text + "\n", encoding="utf-8")
        with tempfile.TemporaryDirectory() as run:
            subprocess.run([str(Path(sys.executable).parent / "narrate"), "--month", month, "--data", str(path()), "--out", run,
                            "--format", "md", "--offline"], check=True, cwd=ROOT, capture_output=True)
            shutil.copy(Path(run) / month / "facts.json", folder / "facts.json")
            shutil.copy(Path(run) / month / "article.md", folder / "builtin_article.md")
    (args.out / "out").mkdir(exist_ok=True)
    shutil.copy(ROOT / "tests" / "prose_corpus" / "BRIEF.md", args.out / "BRIEF.md")
    print(f"brief rebuilt in {args.out}")


if __name__ == "__main__":
    main()

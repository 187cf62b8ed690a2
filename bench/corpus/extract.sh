#!/usr/bin/env bash
# Fetch step of the real-world corpus (bench/corpus/cases.json): extracts the broken and fixed version of every case
# into /work/trees/corpus/<case>/{broken,fixed} (outside the repository: fetched code is never committed).
# Needs each repository as a bare git snapshot in /work/.mirror/<owner>+<name>/repo (the session's `fetch` tool,
# github:<owner>/<name>), or a clone of your own: MIRROR=/path/with/<owner>+<name>/repo dirs.
# Usage: bash bench/corpus/extract.sh [case-id…]
set -euo pipefail
cd "$(dirname "$0")/../.."
MIRROR="${MIRROR:-/work/.mirror}"
TREES="${TREES:-/work/trees/corpus}"
node -e '
  const cases = JSON.parse(require("fs").readFileSync("bench/corpus/cases.json", "utf8")).cases;
  const wanted = process.argv.slice(1);
  for (const c of cases) if (!wanted.length || wanted.includes(c.id))
    console.log([c.id, c.repo.replace("/", "+"), c.brokenRef, c.fixedRef].join(" "));
' "$@" | while read -r id repo broken fixed; do
  git_dir="$MIRROR/$repo/repo"
  if [ ! -d "$git_dir" ]; then echo "absent: $git_dir (fetch github:${repo/+//} first)" >&2; continue; fi
  mkdir -p "$TREES/$id"
  node scripts/extract-git-tree.mjs "$git_dir" "$broken" "$TREES/$id/broken" >/dev/null
  node scripts/extract-git-tree.mjs "$git_dir" "$fixed" "$TREES/$id/fixed" >/dev/null
  echo "extracted $id"
done

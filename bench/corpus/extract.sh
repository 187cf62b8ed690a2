#!/usr/bin/env bash
# Fetch step of the real-world corpus (bench/corpus/cases.json): extracts the broken and fixed version of every case
# into /work/trees/corpus/<case>/{broken,fixed} (outside the repository: fetched code is never committed).
# Needs each repository as a bare git snapshot in /work/.mirror/<owner>+<name>/repo (the session's `fetch` tool,
# github:<owner>/<name>), or a clone of your own: MIRROR=/path/with/<owner>+<name>/repo dirs. Cases with
# "magentoTrees": true also get vendor/magento of their from/to releases into /work/trees/magento/<version>/vendor
# (from the speedupmate/Magento2-OS-Mirror snapshot, tags magento2-os-<version>; releases up to 2.4.4).
# Usage: bash bench/corpus/extract.sh [case-id…]
set -euo pipefail
cd "$(dirname "$0")/../.."
MIRROR="${MIRROR:-/work/.mirror}"
TREES="${TREES:-/work/trees/corpus}"
MAGENTO_TREES="${MAGENTO_TREES:-/work/trees/magento}"
node -e '
  const cases = JSON.parse(require("fs").readFileSync("bench/corpus/cases.json", "utf8")).cases;
  const wanted = process.argv.slice(1);
  for (const c of cases) if (!wanted.length || wanted.includes(c.id))
    console.log([c.id, c.repo.replace("/", "+"), c.brokenRef, c.fixedRef, c.magentoTrees ? c.from + "," + c.to : "-"].join(" "));
' "$@" | while read -r id repo broken fixed releases; do
  if [ "$releases" != "-" ]; then
    # vendor/magento of both releases (theme overrides compared with exact diffs), shared by the cases that need them.
    os_git="$MIRROR/speedupmate+Magento2-OS-Mirror/repo"
    for v in ${releases//,/ }; do
      [ -d "$MAGENTO_TREES/$v/vendor" ] && continue
      if [ ! -d "$os_git" ]; then echo "absent: $os_git (fetch github:speedupmate/Magento2-OS-Mirror first)" >&2; continue; fi
      node scripts/extract-git-tree.mjs "$os_git" "magento2-os-$v" "$MAGENTO_TREES/$v" vendor/magento >/dev/null
    done
  fi
  git_dir="$MIRROR/$repo/repo"
  if [ ! -d "$git_dir" ]; then echo "absent: $git_dir (fetch github:${repo/+//} first)" >&2; continue; fi
  mkdir -p "$TREES/$id"
  node scripts/extract-git-tree.mjs "$git_dir" "$broken" "$TREES/$id/broken" >/dev/null
  node scripts/extract-git-tree.mjs "$git_dir" "$fixed" "$TREES/$id/fixed" >/dev/null
  echo "extracted $id"
done

#!/usr/bin/env bash
# `make test-fast` on a fresh clone of HEAD (nothing built under var/, no catalogue), reusing this
# checkout's .venv instead of reinstalling it. Prints the time it took.
#   scripts/fresh_clone_test_fast.sh [DIR]     (default: a new temporary folder, removed after)
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
dir=${1:-$(mktemp -d)/clone}
git clone -q "$repo" "$dir"
ln -s "$repo/.venv" "$dir/.venv"
cd "$dir"
# the clone's sources, not the checkout's editable install, are what the tests import
.venv/bin/python -c "import chatbot, prompts, sys; p = chatbot.__file__; sys.exit(0 if p.startswith('$dir') else f'imports {p}')"
echo "fresh clone of $(git rev-parse --short HEAD) in $dir"
start=$(date +%s)
status=0
# -o: treat the (shared) venv stamp as up to date, so make never reinstalls into it
make -o .venv/.installed test-fast || status=$?
echo "make test-fast on a fresh clone: exit $status, $(( $(date +%s) - start )) s"
[ -z "${1:-}" ] && rm -rf "$(dirname "$dir")"
exit $status

#!/usr/bin/env bash
# Fetch the public omdb.org CSV dumps that `chatbot catalog build --source omdb` reads.
# Source and license: https://www.omdb.org/content/Help:DataDownload
# (text CC BY 2.0 DE, https://creativecommons.org/licenses/by/2.0/de/ - credit omdb.org).
# Usage: bash catalog/download_omdb.sh [DIR]   (default: data/omdb)
#        then: chatbot catalog build --omdb-dir DIR   (or set CHATBOT_OMDB_DIR=DIR)
set -euo pipefail

DIR="${1:-data/omdb}"
BASE="${OMDB_BASE_URL:-https://www.omdb.org/data}"
FILES=(
  all_movies all_movieseries movie_abstracts_en all_categories category_names
  movie_categories movie_details all_votes movie_countries movie_languages trailers
)

for tool in curl bunzip2; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 1; }
done
mkdir -p "$DIR"
for name in "${FILES[@]}"; do
  out="$DIR/$name.csv"
  if [[ -s "$out" ]]; then
    echo "have $out"
    continue
  fi
  echo "fetching $BASE/$name.csv.bz2"
  # download to a temporary name so that an interrupted run leaves no half file behind
  curl --fail --location --silent --show-error -o "$out.bz2.part" "$BASE/$name.csv.bz2"
  mv "$out.bz2.part" "$out.bz2"
  bunzip2 --force "$out.bz2"
done
cat > "$DIR/NOTICE.md" <<NOTICE
# omdb.org movie data (CSV dumps)
Downloaded $(date -u +%Y-%m-%d) from $BASE (https://www.omdb.org/content/Help:DataDownload).
License: CC BY 2.0 DE, https://creativecommons.org/licenses/by/2.0/de/ - credit omdb.org.
NOTICE
echo "done: $DIR. Next: chatbot catalog build --omdb-dir $DIR"

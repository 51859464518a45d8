#!/bin/sh
# Lighthouse (mobile) accessibility, best practices and SEO for the main page types in en, ru and tg.
#   scripts/lighthouse.sh [BASE_URL]      (default http://127.0.0.1:8000, e.g. after `make run`)
# Needs Node (npx fetches Lighthouse 12 once) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
# Prints one line per page with the three scores, and the failing audits of any page under 100.
set -eu
BASE=${1:-http://127.0.0.1:8000}
CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export CHROME_PATH
REPORT=$(mktemp)
trap 'rm -f "$REPORT"' EXIT
for language in en ru tg; do
  for path in "" about/ knowledge-hub/ knowledge-hub/best-practices/ \
      knowledge-hub/best-practices/systems-approach-to-digital-learning/ news/ \
      news/unesco-iite-national-workshop-ict-oer-2018/ stakeholders/ stakeholders/unicef/ events/ \
      events/calendar/ events/leg-quarterly-meeting/ documents/ "search/?q=education" privacy/ \
      accessibility/ accounts/login/; do
    npx --yes lighthouse@12 "$BASE/$language/$path" --quiet --output=json --output-path="$REPORT" \
      --only-categories=accessibility,best-practices,seo --chrome-flags="--headless=new --no-sandbox" >/dev/null
    python3 - "$REPORT" "/$language/$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
failing = [audit["id"] for audit in report["audits"].values()
           if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
print(f"{sys.argv[2]:<70} {scores['accessibility']:>4} {scores['best-practices']:>4} {scores['seo']:>4}",
      " ".join(failing) if min(scores.values()) < 100 else "")
PY
  done
done

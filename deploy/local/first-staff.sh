#!/usr/bin/env bash
# Make the first staff account, with the bootstrap staff token: after this, staff are members
# with the staff role who log in, and appoint everyone else from the website's console.
#
# Usage: deploy/local/first-staff.sh "Full Name" email@example.org region-slug
#
# The person joins Q as any member does (an application in a wave recruiting in their region,
# approved), and is given the staff role. If no wave recruits there today, a one-day wave
# "Q central team" is opened for them and closed again at once. They are mailed a link to set
# their password; then they log in on the website, where the Console is in the header.
#
# Environment (the same names and defaults as `make run`):
#   QP_LOCAL_GATEWAY=127.0.0.1:8080  QP_STAFF_TOKEN=dev-staff-token
#   QP_GATEWAY_URL (a deployment's gateway, such as https://q.example.org; wins over the above)
#   ORGANISATION="Q central team"  JOB_TITLE="Staff"
set -euo pipefail

GATEWAY="${QP_GATEWAY_URL:-http://${QP_LOCAL_GATEWAY:-127.0.0.1:8080}}"
STAFF="Authorization: Bearer ${QP_STAFF_TOKEN:-dev-staff-token}"
TODAY="$(date -u +%F)"

die() { echo "first-staff: $*" >&2; exit 1; }
[[ $# -eq 3 ]] || die "usage: $0 \"Full Name\" email@example.org region-slug"
NAME="$1" EMAIL="$2" REGION="$3"

ANSWER="$(mktemp)"
trap 'rm -f "$ANSWER"' EXIT
# api METHOD PATH [JSON]: call the gateway as the bootstrap staff token; sets $BODY and $STATUS.
api() {
  STATUS="$(curl -sS -o "$ANSWER" -w '%{http_code}' -X "$1" "$GATEWAY$2" -H "$STAFF" \
    -H 'Content-Type: application/json' ${3:+-d "$3"})"
  BODY="$(<"$ANSWER")"
}
field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
json() { python3 -c "import json, sys; print(json.dumps(sys.argv[1]))" "$1"; }

curl -sf "$GATEWAY/healthz" >/dev/null ||
  die "nothing answers at $GATEWAY: run \`make run\` and wait until it says it is running"

api POST /membership/waves "{\"name\": \"Q central team\", \"partner\": \"Q central team\",
  \"regions\": [$(json "$REGION")], \"target\": 1, \"opens_on\": \"$TODAY\", \"closes_on\": \"$TODAY\"}"
case "$STATUS" in
  201) wave_id="$(field id <<<"$BODY")" ;;
  409) wave_id="" ;;  # a wave already recruits there today: the application joins it
  *) die "opening a wave for $REGION answered $STATUS: $BODY" ;;
esac

api POST /membership/applications "{\"name\": $(json "$NAME"), \"email\": $(json "$EMAIL"),
  \"organisation\": $(json "${ORGANISATION:-Q central team}"),
  \"job_title\": $(json "${JOB_TITLE:-Staff}"), \"region\": $(json "$REGION"),
  \"consent_version\": \"2026-01\", \"statement\": \"Runs Q as one of its staff.\"}"
[[ "$STATUS" == 201 ]] || die "applying answered $STATUS: $BODY"
application_id="$(field id <<<"$BODY")"

api POST "/membership/applications/$application_id/approve"
[[ "$STATUS" == 200 ]] || die "approving answered $STATUS: $BODY"
member_id="$(field member_id <<<"$BODY")"

if [[ -n "$wave_id" ]]; then
  api POST "/membership/waves/$wave_id/close"
  [[ "$STATUS" == 200 ]] || die "closing the one-day wave answered $STATUS: $BODY"
fi

api PUT "/membership/members/$member_id/roles/staff" '{}'
[[ "$STATUS" == 200 ]] || die "giving the staff role answered $STATUS: $BODY"

cat <<DONE
$NAME ($EMAIL) is a member with the staff role: member $member_id.
They are mailed "Set your Q password" (with \`make run\`, in .run/mail/new/). Once it is set,
they log in at $GATEWAY/login and open the Console from the header.
DONE

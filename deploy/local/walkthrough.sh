#!/usr/bin/env bash
# A walk through Q Platform as its people use it, against `make run` (in another terminal):
# staff open a recruitment wave, someone applies, staff approve, the new member gets mail,
# joins the public member stream without their address, and matching knows them.
#
# Usage: deploy/local/walkthrough.sh
#
# Environment (the same names and defaults as `make run`):
#   QP_LOCAL_GATEWAY=127.0.0.1:8080  QP_STAFF_TOKEN=dev-staff-token  KAFKA_PORT=9092
#   QP_LOCAL_RUN_DIR=<repo>/.run (where the mail catcher keeps mail)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GATEWAY="http://${QP_LOCAL_GATEWAY:-127.0.0.1:8080}"
STAFF="Authorization: Bearer ${QP_STAFF_TOKEN:-dev-staff-token}"
KAFKA="127.0.0.1:${KAFKA_PORT:-9092}"
MAILBOX="${QP_LOCAL_RUN_DIR:-$REPO/.run}/mail/new"
# Dates relative to today, so the walk works on any day; the address is new on every run.
TODAY="$(date -u +%F)"
CLOSES="$(date -u -d '+60 days' +%F)"
EMAIL="asha.patel.$(date -u +%s%N)@example.org"

die() { echo "walkthrough: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# api METHOD PATH [JSON]: call the gateway as staff; the answer is left in $BODY and $STATUS.
ANSWER="$(mktemp)"
trap 'rm -f "$ANSWER"' EXIT
api() {
  STATUS="$(curl -sS -o "$ANSWER" -w '%{http_code}' -X "$1" "$GATEWAY$2" -H "$STAFF" \
    -H 'Content-Type: application/json' ${3:+-d "$3"})"
  BODY="$(<"$ANSWER")"
}

# field NAME: read one field of the JSON object on standard input.
field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }

curl -sf "$GATEWAY/healthz" >/dev/null ||
  die "nothing answers at $GATEWAY: run \`make run\` and wait until it says it is running"

step "Staff open a recruitment wave for Scotland, from today for 60 days"
api POST /membership/waves "{
  \"name\": \"Scotland wave $TODAY\", \"partner\": \"NHS Education for Scotland\",
  \"regions\": [\"scotland\"], \"target\": 120, \"opens_on\": \"$TODAY\", \"closes_on\": \"$CLOSES\"}"
case "$STATUS" in
  201) echo "opened wave $(field id <<<"$BODY")" ;;
  409) echo "a wave for Scotland is already open: $BODY" ;;
  *) die "opening the wave answered $STATUS: $BODY" ;;
esac

step "Someone applies to join Q (no token needed)"
api POST /membership/applications "{
  \"name\": \"Asha Patel\", \"email\": \"$EMAIL\", \"organisation\": \"NHS Tayside\",
  \"job_title\": \"Improvement Lead\", \"region\": \"scotland\", \"consent_version\": \"2026-01\",
  \"statement\": \"Led a sepsis screening improvement programme.\",
  \"mail_categories\": [\"digest\", \"coffee-trials\"]}"
[[ "$STATUS" == 201 ]] || die "applying answered $STATUS: $BODY"
application_id="$(field id <<<"$BODY")"
echo "application $application_id from $EMAIL"

step "Staff approve it"
api POST "/membership/applications/$application_id/approve"
[[ "$STATUS" == 200 ]] || die "approving answered $STATUS: $BODY"
member_id="$(field member_id <<<"$BODY")"
echo "approved: member $member_id"

step "The new member is mailed once: welcome, and a link to set their password"
subjects() { grep -lF "$EMAIL" "$MAILBOX"/* 2>/dev/null | xargs -r grep -h '^Subject:' | sort; }
for _ in $(seq 120); do
  [[ "$(subjects | wc -l)" -ge 2 ]] && break
  sleep 0.5
done
expected="$(printf 'Subject: Set your Q password\nSubject: Welcome to Q')"
[[ "$(subjects)" == "$expected" ]] || die "expected one of each, found in $MAILBOX: $(subjects)"
subjects

step "The member joined on the public stream, with no email address"
# Read as an analyst would, with the platform's own stream tool (it signs in as `analysts`).
STREAM="$(mktemp --suffix=.jsonl)"
trap 'rm -f "$ANSWER" "$STREAM"' EXIT
"$REPO/.venv/bin/qp-streams" --bootstrap "$KAFKA" --prefix "${QP_TOPIC_PREFIX:-q.}" \
  replay membership.member --subject "$member_id" --output "$STREAM" >/dev/null 2>&1 ||
  die "could not read the member stream at $KAFKA"
grep -q 'member-joined' "$STREAM" || die "no member-joined for $member_id on the member stream"
! grep -qF "$EMAIL" "$STREAM" || die "the public stream carries the address"
cut -c1-160 "$STREAM"

step "Matching knows the new member, ready for the next coffee round"
for _ in $(seq 60); do
  api GET "/matching/participants/$member_id"
  [[ "$STATUS" == 200 ]] && break
  sleep 0.5
done
[[ "$STATUS" == 200 ]] || die "matching does not know $member_id: $BODY"
echo "$BODY"

step "Bad input gets a 4xx whose JSON body names the field, and nothing is written"
api POST /membership/applications '{"email": "not-an-address"}'
[[ "$STATUS" == 422 ]] || die "a bad application answered $STATUS: $BODY"
echo "$BODY"

printf '\nThe walk-through went as described.\n'

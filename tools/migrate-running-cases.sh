#!/usr/bin/env bash
# Moves the running cases of one procedure from an older model version to a newer one (by default the latest),
# with the migration plan kept in docs/migrations/<process key>.json; every user task keeps its task (assignee,
# due date, id). docs/changing-rules.md, "Migrating running cases", says when and how; the plans are proven by
# RunningCasesMigrationTest.
#
#   tools/migrate-running-cases.sh <process key> <source version> [<target version>] [--dry-run]
#
# Environment: ENGINE_REST (default http://localhost:8080/engine-rest) and CAMUNDA_USER (user:password of an
# administrator; curl asks for the password when only the user is given). Needs curl and jq.
set -euo pipefail

usage() { echo "usage: $0 <process key> <source version> [<target version>] [--dry-run]" >&2; exit 2; }
dry_run=false
args=()
for arg in "$@"; do
  if [[ $arg == --dry-run ]]; then dry_run=true; else args+=("$arg"); fi
done
[[ ${#args[@]} -ge 2 && ${#args[@]} -le 3 ]] || usage
key=${args[0]} source_version=${args[1]} target_version=${args[2]:-}
plan="$(dirname "$0")/../docs/migrations/$key.json"
[[ -f $plan ]] || { echo "No migration plan $plan" >&2; exit 2; }
rest=${ENGINE_REST:-http://localhost:8080/engine-rest}
user=${CAMUNDA_USER:?set CAMUNDA_USER to an administrator, e.g. CAMUNDA_USER=demo}

call() { curl -sS --fail-with-body -u "$user" -H 'Content-Type: application/json' "$@"; }
definition() { # <version>: the id of that version of the key, deployed without a tenant
  call "$rest/process-definition?key=$key&version=$1&withoutTenantId=true" | jq -er '.[0].id'
}

source_id=$(definition "$source_version") || { echo "No version $source_version of $key" >&2; exit 1; }
if [[ -n $target_version ]]; then
  target_id=$(definition "$target_version") || { echo "No version $target_version of $key" >&2; exit 1; }
else
  target_id=$(call "$rest/process-definition/key/$key" | jq -er '.id')
fi
[[ $source_id != "$target_id" ]] || { echo "Source and target are the same version" >&2; exit 1; }
body=$(sed -e "s/@SOURCE@/$source_id/g" -e "s/@TARGET@/$target_id/g" "$plan")
count() { call "$rest/process-instance/count?processDefinitionId=$1" | jq -r '.count'; }

echo "$key: $(count "$source_id") running case(s) on $source_id, target $target_id"
problems=$(call -X POST "$rest/migration/validate" -d "$(jq '.migrationPlan' <<<"$body")" \
  | jq -r '.instructionReports[] | select(.failures | length > 0) | "\(.instruction.sourceActivityIds): \(.failures)"')
if [[ -n $problems ]]; then
  echo "The plan does not fit these versions; nothing was migrated:" >&2
  echo "$problems" >&2
  exit 1
fi
if $dry_run; then
  echo "Plan valid (dry run: nothing migrated)."
  exit 0
fi
# Synchronous: all cases the plan's query selects (those waiting where it maps) move in one transaction, or none
# (the engine refuses a case waiting where the plan maps nothing, and names it).
call -X POST "$rest/migration/execute" -d "$body" >/dev/null
echo "Migrated. Now $(count "$source_id") on $source_id, $(count "$target_id") on $target_id."

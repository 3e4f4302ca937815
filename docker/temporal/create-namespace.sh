#!/bin/sh
# One-shot (temporalio/admin-tools): waits for the Temporal server, creates the desk's namespace
# and registers the search attributes its workflows set (contracts/search-attributes.ts). Safe to
# run on every `up`: what exists is left alone.
set -eu

: "${TEMPORAL_ADDRESS:?}" "${DEFAULT_NAMESPACE:=default}" "${NAMESPACE_RETENTION:=72h}"
export TEMPORAL_ADDRESS

echo "Waiting for Temporal at ${TEMPORAL_ADDRESS}..."
attempt=0
until temporal operator cluster health; do
  attempt=$((attempt + 1))
  [ "$attempt" -ge 30 ] && { echo "Temporal is not healthy after $attempt tries"; exit 1; }
  sleep 2
done

temporal operator namespace describe -n "$DEFAULT_NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create -n "$DEFAULT_NAMESPACE" --retention "$NAMESPACE_RETENTION"

# name=type, one per search attribute in contracts/search-attributes.ts
for attribute in AccountId=Keyword Model=Keyword TradingMode=Keyword AccountStatus=Keyword \
  CycleMarketTime=Datetime OrdersPlaced=Int; do
  name=${attribute%%=*}
  type=${attribute#*=}
  if temporal operator search-attribute list -n "$DEFAULT_NAMESPACE" | grep -qw "$name"; then
    echo "Search attribute $name exists"
  else
    temporal operator search-attribute create -n "$DEFAULT_NAMESPACE" --name "$name" --type "$type"
  fi
done
echo "Namespace $DEFAULT_NAMESPACE is ready"

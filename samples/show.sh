#!/usr/bin/env bash
# Shows CometGuard at work: builds samples/GatewayClient (a gateway client with the mistakes the
# runbook warns about), explains every diagnostic by rule, then builds its fixed twin.
# Exit code 0 when CometGuard behaved as designed (mistakes found, fixed twin silent).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

bold=$'\e[1m'; dim=$'\e[2m'; red=$'\e[31m'; yellow=$'\e[33m'; green=$'\e[32m'; reset=$'\e[0m'
if [ ! -t 1 ]; then bold=; dim=; red=; yellow=; green=; reset=; fi

build() {
  dotnet build "$1" -nologo -clp:NoSummary --no-incremental -v:q 2>&1
}

# file(line,col): severity CGxxxx: message, once each, without the project suffix and help link (C# and the
# configuration files CG0012 reads).
diagnostics() {
  grep -oE '[^ ]+\.(cs|json)\([0-9]+,[0-9]+\): (error|warning) CG[0-9]{4}: .*' \
    | sed -E 's# \[[^]]*\]$##; s# \(https://[^)]*\)$##; s#^.*/samples/#samples/#' \
    | sort -u
}

echo "${bold}CometGuard on samples/GatewayClient${reset} ${dim}(a gateway client with the usual mistakes)${reset}"
echo
out="$(build "$here/GatewayClient/GatewayClient.csproj")"
status=$?
found="$(diagnostics <<<"$out")"
if [ -z "$found" ]; then
  echo "${red}No CometGuard diagnostics: the analyzers did not run. Build output:${reset}"
  echo "$out" | tail -n 30
  exit 1
fi

for id in $(grep -oE 'CG[0-9]{4}' <<<"$found" | sort -u); do
  page="$root/docs/rules/$id.md"
  title="$(head -n 1 "$page" 2>/dev/null | sed -E 's/^# CG[0-9]{4}: //')"
  severity="$(grep -m1 -oE ": (error|warning) $id" <<<"$found" | awk '{print $2}')"
  color=$yellow; [ "$severity" = error ] && color=$red
  echo "${bold}${color}$id${reset} ${bold}$title${reset} ${dim}($severity; docs/rules/$id.md)${reset}"
  grep -E ": (error|warning) $id: " <<<"$found" | sed -E "s#: (error|warning) $id: #\n      #; s#^#  #"
  echo
done

errors="$(grep -c ': error CG' <<<"$found")"
warnings="$(grep -c ': warning CG' <<<"$found")"
echo "${bold}$errors error(s), $warnings warning(s).${reset}"
if [ "$status" -ne 0 ]; then
  echo "The build ${red}failed${reset}, as designed: a literal credential in code (CG0002) or in appsettings.json (CG0012)"
  echo "is an error by default, so CI stops before the key ships. Everything else is a warning in the IDE and in 'dotnet build'."
fi
echo "Each rule's page (docs/rules/CGxxxx.md) explains the risk and the fix; most fixes are one click in"
echo "the IDE, or for a whole repository: dotnet format analyzers --diagnostics CG0002 --severity info"
echo

echo "${bold}CometGuard on samples/GatewayClient.Fixed${reset} ${dim}(the same client, fixed)${reset}"
fixed_out="$(build "$here/GatewayClient.Fixed/GatewayClient.Fixed.csproj")"
fixed_status=$?
fixed="$(diagnostics <<<"$fixed_out")"
if [ "$fixed_status" -ne 0 ] || [ -n "$fixed" ]; then
  echo "${red}The fixed twin should build clean, but:${reset}"
  echo "${fixed:-$(tail -n 30 <<<"$fixed_out")}"
  exit 1
fi
echo "${green}Build succeeded with no CometGuard diagnostics.${reset}"

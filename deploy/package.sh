#!/usr/bin/env bash
# Builds the deployment artifacts from a clean checkout, ReadyToRun (less JIT at cold start):
#   artifacts/azure/origin-functionapp.zip   the .NET isolated worker (functions/Origin.AzureFunctions) as Flex
#       Consumption deploys it: host.json, functions.metadata, worker.config.json, .azurefunctions/, the worker on
#       the platform's .NET 10 (what `azd deploy` builds from the same project, for a zip deploy by hand)
#   artifacts/aws/lambda/ and artifacts/aws/origin-lambda-<arch>.zip   the Kestrel app, self-contained and trimmed
#       (no .NET on the host), + bootstrap (AWS Lambda Web Adapter)
# Usage: deploy/package.sh [azure|aws|all]    ARCH=x86_64|arm64 selects the Lambda architecture (default x86_64).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target=${1:-all}
arch=${ARCH:-x86_64}

publish() { # runtime identifier → output folder
  local rid=$1 out=artifacts/publish/$1
  rm -rf "$out"
  if ! dotnet publish functions/Origin.Functions -c Release -r "$rid" --self-contained \
      -p:PublishReadyToRun=true -p:PublishTrimmed=true -p:DebugType=none -o "$out" --nologo -v quiet >&2; then
    echo "package: publishing for $rid failed; the $rid runtime packs must be available from your NuGet source" >&2
    exit 1
  fi
  rm -f "$out"/appsettings.*.json # appsettings.Local.json (the sample mount of `dotnet run`) stays out of artifacts
  echo "$out"
}

if [ "$target" = azure ] || [ "$target" = all ]; then
  stage=artifacts/azure/stage
  rm -rf artifacts/azure
  if ! dotnet publish functions/Origin.AzureFunctions -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -p:DebugType=none -o "$stage" --nologo -v quiet >&2; then
    echo "package: publishing the Azure Functions worker failed" >&2
    exit 1
  fi
  (cd "$stage" && zip -qr -X ../origin-functionapp.zip .)
  echo "azure: artifacts/azure/origin-functionapp.zip ($(du -h artifacts/azure/origin-functionapp.zip | cut -f1))"
fi

if [ "$target" = aws ] || [ "$target" = all ]; then
  case "$arch" in x86_64) rid=linux-x64 ;; arm64) rid=linux-arm64 ;; *) echo "package: ARCH must be x86_64 or arm64" >&2; exit 1 ;; esac
  app=$(publish "$rid")
  stage=artifacts/aws/lambda
  rm -rf artifacts/aws && mkdir -p "$stage"
  cp -r "$app"/. "$stage"/
  # The Lambda Web Adapter layer runs the function's bootstrap and forwards invocations to AWS_LWA_PORT.
  printf '#!/bin/sh\nexec "$(dirname "$0")/origin"\n' > "$stage/bootstrap"
  chmod +x "$stage/bootstrap" "$stage/origin"
  (cd "$stage" && zip -qr -X "../origin-lambda-$arch.zip" .)
  echo "aws: artifacts/aws/origin-lambda-$arch.zip ($(du -h "artifacts/aws/origin-lambda-$arch.zip" | cut -f1)), $stage for sam build"
fi

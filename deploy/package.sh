#!/usr/bin/env bash
# Builds the deployment artifacts from a clean checkout:
#   artifacts/azure/origin-functionapp.zip   the .NET isolated worker (functions/Origin.AzureFunctions) as Flex
#       Consumption deploys it, ReadyToRun: host.json, functions.metadata, worker.config.json, .azurefunctions/, the
#       worker on the platform's .NET 10 (what `azd deploy` builds from the same project, for a zip deploy by hand)
#   artifacts/aws/lambda/ and artifacts/aws/origin-lambda-<arch>.zip   the Kestrel app without the Azure adapter, for
#       provided.al2023 (no .NET on the host) + bootstrap (AWS Lambda Web Adapter): Native AOT on x86_64 (one native
#       executable, the fastest start), self-contained trimmed ReadyToRun on arm64 or when asked
# Usage: deploy/package.sh [azure|aws|all]
#   ARCH=x86_64|arm64        the Lambda architecture (default x86_64)
#   LAMBDA_BUILD=aot|readytorun   the Lambda build (default aot on x86_64, readytorun on arm64: Native AOT does not
#       cross-compile without an arm64 sysroot); Native AOT links with clang (Debian: apt-get install clang)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target=${1:-all}
arch=${ARCH:-x86_64}
build=${LAMBDA_BUILD:-$([ "$arch" = x86_64 ] && echo aot || echo readytorun)}

source deploy/aot-linker.sh

publish_lambda() { # runtime identifier → output folder
  local rid=$1 out=artifacts/publish/$1 how=()
  case "$build" in
    aot)
      local linker
      linker=$(aot_linker)
      if [ -z "$linker" ]; then
        echo "package: Native AOT links with clang, which is not installed (Debian: apt-get install clang); or LAMBDA_BUILD=readytorun" >&2
        exit 1
      fi
      how=(-p:PublishAot=true -p:PublishReadyToRun=false -p:CppCompilerAndLinker="$linker") ;;
    readytorun) how=(--self-contained -p:PublishReadyToRun=true -p:PublishTrimmed=true) ;;
    *) echo "package: LAMBDA_BUILD must be aot or readytorun" >&2; exit 1 ;;
  esac
  rm -rf "$out"
  if ! dotnet publish functions/Origin.Functions -c Release -r "$rid" "${how[@]}" -p:OriginAzureStorage=false \
      -p:DebugType=none -o "$out" --nologo -v quiet >&2; then
    echo "package: publishing for $rid ($build) failed; the $rid runtime packs must be available from your NuGet source" >&2
    exit 1
  fi
  # appsettings.Local.json (the sample mount of `dotnet run`) stays out of artifacts; the native symbols (origin.dbg)
  # stay in artifacts/publish for whoever reads a crash, out of the function's zip.
  rm -f "$out"/appsettings.*.json
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
  app=$(publish_lambda "$rid")
  stage=artifacts/aws/lambda
  # The other architecture's zip stays; the folder SAM deploys is this build's.
  rm -rf "$stage" "artifacts/aws/origin-lambda-$arch.zip" && mkdir -p "$stage"
  cp -r "$app"/. "$stage"/
  rm -f "$stage"/*.dbg
  # The Lambda Web Adapter layer runs the function's bootstrap and forwards invocations to AWS_LWA_PORT.
  printf '#!/bin/sh\nexec "$(dirname "$0")/origin"\n' > "$stage/bootstrap"
  chmod +x "$stage/bootstrap" "$stage/origin"
  (cd "$stage" && zip -qr -X "../origin-lambda-$arch.zip" .)
  echo "aws: artifacts/aws/origin-lambda-$arch.zip ($build, $(du -h "artifacts/aws/origin-lambda-$arch.zip" | cut -f1)), $stage for sam build"
fi

#!/usr/bin/env bash
# Builds the deployable ESP32 image (SealCabinet.Firmware.Esp32.nfproj) when nanoFramework's build tools are
# present, otherwise says exactly what is missing and exits 2. Firmware-Check (the compile check against the
# stand-in) does not need any of this.
#
#   firmware/build-image.sh [Release|Debug]
#
# Needs: an msbuild that can load nanoFramework's MSBuild components (NFProjectSystem.*.targets plus the
# metadata processor that turns assemblies into .pe files), and a NuGet client for packages.config.
# Set NF_PROJECT_SYSTEM_PATH to the folder holding NFProjectSystem.CSharp.targets when it is not under
# $(MSBuildExtensionsPath)/nanoFramework/v1.0/.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/SealCabinet.Firmware.Esp32/SealCabinet.Firmware.Esp32.nfproj"
packages_config="$here/SealCabinet.Firmware.Esp32/packages.config"
packages_dir="$here/packages"
configuration="${1:-Release}"
missing=()

# 1. msbuild (Visual Studio / Build Tools on Windows, or Mono's msbuild on Linux and macOS).
msbuild_cmd=""
if command -v msbuild >/dev/null 2>&1; then
  msbuild_cmd="msbuild"
elif command -v msbuild.exe >/dev/null 2>&1; then
  msbuild_cmd="msbuild.exe"
else
  missing+=("msbuild: install Visual Studio 2022 / Build Tools (Windows) or mono-complete with msbuild (Linux: https://www.mono-project.com/download/stable/). 'dotnet build' cannot build a classic .nfproj.")
fi

# 2. nanoFramework's MSBuild components.
targets_dir="${NF_PROJECT_SYSTEM_PATH:-}"
if [ -z "$targets_dir" ] && [ -n "$msbuild_cmd" ]; then
  extensions="$($msbuild_cmd -nologo -getProperty:MSBuildExtensionsPath "$project" 2>/dev/null | tr -d '\r' | tail -n 1)"
  if [ -n "$extensions" ]; then
    targets_dir="$extensions/nanoFramework/v1.0"
  fi
fi
if [ -z "$targets_dir" ] || [ ! -f "$targets_dir/NFProjectSystem.CSharp.targets" ]; then
  missing+=("nanoFramework MSBuild components (NFProjectSystem.CSharp.targets${targets_dir:+, looked in $targets_dir}): install the '.NET nanoFramework' extension for Visual Studio 2022 (Windows), or the nanoFramework VS Code extension and set NF_PROJECT_SYSTEM_PATH=<extension folder>/nanoFramework/v1.0 (it ships the same targets), or run the 'InstallNanoMSBuildComponents' step of nanoframework/nf-tools on a CI agent.")
fi

# 3. A NuGet client that understands packages.config.
nuget_cmd=""
if command -v nuget >/dev/null 2>&1; then
  nuget_cmd="nuget"
elif command -v nuget.exe >/dev/null 2>&1; then
  nuget_cmd="nuget.exe"
else
  missing+=("nuget CLI (packages.config restore): https://dist.nuget.org/win-x86-commandline/latest/nuget.exe (on Linux run it with mono).")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Firmware-Image: cannot build the ESP32 image on this machine. Missing:" >&2
  for item in "${missing[@]}"; do
    echo "  - $item" >&2
  done
  echo "Firmware-Check (dotnet build firmware/SealCabinet.Firmware.Esp32/SealCabinet.Firmware.Esp32.Check.csproj) still compiles the same sources." >&2
  exit 2
fi

set -e
echo "Restoring $packages_config into $packages_dir"
$nuget_cmd restore "$packages_config" -PackagesDirectory "$packages_dir" -NonInteractive
echo "Building $project ($configuration)"
$msbuild_cmd "$project" -nologo -p:Configuration="$configuration" -p:NanoFrameworkProjectSystemPath="$targets_dir/" -verbosity:minimal
out="$here/SealCabinet.Firmware.Esp32/bin/$configuration"
echo "Image built: $out/SealCabinet.Firmware.Esp32.bin (deploy with: nanoff --target ESP32_PSRAM_REV3 --serialport <port> --deploy --image $out/SealCabinet.Firmware.Esp32.bin)"

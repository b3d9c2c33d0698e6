#!/usr/bin/env pwsh
# Sandbox Tier Harness — the same entry point as run-all.sh, for PowerShell (pwsh, e.g. the 'PowerShell' dotnet tool).
#   ./run-all.ps1            install missing packages, build, measure (quick profile), report
#   ./run-all.ps1 test       same prerequisites, then the test suite
#   ./run-all.ps1 full | nightly | doctor
param([string]$Mode = 'run', [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest = @())
$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot

$packages = @('runc', 'runsc', 'qemu-system-x86', 'mmdebstrap', 'hyperfine', 'clang', 'zlib1g-dev', 'iproute2', 'libc-bin', 'dpkg', 'apt', 'ca-certificates')
if ($env:SBH_MINIMAL_KERNEL -eq '1') { $packages += @('linux-source-6.1', 'flex', 'bison', 'bc', 'libelf-dev', 'make', 'gcc', 'xz-utils') }

function Invoke-Checked([string]$File, [string[]]$Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if ((& id -u) -ne '0') { [Console]::Error.WriteLine('run-all.ps1: must run as root (runc, runsc and mounts need it)'); exit 2 }

$missing = @($packages | Where-Object { (& dpkg-query -W -f='${Status}' $_ 2>$null) -notmatch 'install ok installed' })
& apt-cache show linux-image-cloud-amd64 *> $null
if ($missing.Count -gt 0 -or $LASTEXITCODE -ne 0) { Write-Host '==> apt-get update'; Invoke-Checked 'apt-get' @('update', '-q') }
if ($missing.Count -gt 0) {
    Write-Host "==> installing: $($missing -join ' ')"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Checked 'apt-get' (@('install', '-y', '-q', '--no-install-recommends') + $missing)
}
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { [Console]::Error.WriteLine('run-all.ps1: the .NET 10 SDK (dotnet) is not on PATH'); exit 2 }

Write-Host '==> build'
Invoke-Checked 'dotnet' @('build', 'Harness.sln', '-c', 'Release', '--nologo', '-v', 'q')
Write-Host '==> publish workloads (Native AOT, incremental)'
Invoke-Checked 'dotnet' @('publish', 'workloads/Workloads.csproj', '-c', 'Release', '-o', '.build/sbw', '--nologo', '-v', 'q')

# Output goes to the host, not into the function's return value: only the exit code is returned.
function Invoke-Bench([string[]]$Arguments) { & dotnet run -c Release --no-build --project bench -- @Arguments | Out-Host; return $LASTEXITCODE }

switch ($Mode) {
    'run'     { exit (Invoke-Bench (@('run', '--quick') + $Rest)) }
    'full'    { exit (Invoke-Bench (@('run', '--full') + $Rest)) }
    'doctor'  { exit (Invoke-Bench (@('doctor') + $Rest)) }
    'nightly' {
        $null = Invoke-Bench (@('run', '--nightly') + $Rest) # the comparison decides the exit code
        $threshold = if ($env:SBH_THRESHOLD) { $env:SBH_THRESHOLD } else { '10%' }
        exit (Invoke-Bench @('compare', '--baseline', 'results/baseline', '--threshold', $threshold))
    }
    'test'    {
        Write-Host '==> test'
        & dotnet test Harness.sln -c Release --no-build --nologo @Rest
        exit $LASTEXITCODE
    }
    default   { [Console]::Error.WriteLine("run-all.ps1: unknown mode '$Mode' (run | test | full | nightly | doctor)"); exit 2 }
}

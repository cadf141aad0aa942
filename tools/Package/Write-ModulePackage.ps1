#Requires -Version 7.2
<#
.SYNOPSIS
    Packs a staged module folder into a .nupkg that Install-PSResource accepts, byte for byte the same
    every time the same folder is packed.
.DESCRIPTION
    Publish-PSResource writes the same layout, but with the time of packing on every entry and a random name
    for the core-properties part, so two packs of one commit never match and a package cannot be checked
    against its source. This writes that layout itself: the nuspec from the manifest (the tags PSGallery
    derives: PSModule, the manifest's tags, PSCmdlet_/PSCommand_ per cmdlet, PSIncludes_Cmdlet), the module's
    files in ordinal order, one fixed timestamp, names derived from the content.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $Destination,
    # Every entry carries this time; the build passes the commit's, so a package says which commit it is.
    [DateTimeOffset] $Timestamp = [DateTimeOffset]::new(2000, 1, 1, 0, 0, 0, [TimeSpan]::Zero)
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModuleFolder = (Resolve-Path -LiteralPath $ModuleFolder).ProviderPath
$manifestFile = Get-ChildItem -LiteralPath $ModuleFolder -Filter *.psd1 | Select-Object -First 1
$manifest = Import-PowerShellDataFile -LiteralPath $manifestFile.FullName
$id = $manifestFile.BaseName
$version = $manifest.ModuleVersion
$psData = $manifest.PrivateData.PSData

function ConvertTo-XmlText([string] $Text) { [System.Security.SecurityElement]::Escape($Text) }

$tags = @('PSModule') + @($psData.Tags) + @($manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" }) + @('PSIncludes_Cmdlet')
$nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>$id</id>
    <version>$version</version>
    <authors>$(ConvertTo-XmlText $manifest.Author)</authors>
    <owners>$(ConvertTo-XmlText $manifest.CompanyName)</owners>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <licenseUrl>$(ConvertTo-XmlText $psData.LicenseUri)</licenseUrl>
    <projectUrl>$(ConvertTo-XmlText $psData.ProjectUri)</projectUrl>
    <description>$(ConvertTo-XmlText $manifest.Description)</description>
    <releaseNotes>$(ConvertTo-XmlText $psData.ReleaseNotes)</releaseNotes>
    <copyright>$(ConvertTo-XmlText $manifest.Copyright)</copyright>
    <tags>$(ConvertTo-XmlText ($tags -join ' '))</tags>
  </metadata>
</package>
"@

$files = Get-ChildItem -LiteralPath $ModuleFolder -Recurse -File |
    ForEach-Object { [pscustomobject]@{ Name = [IO.Path]::GetRelativePath($ModuleFolder, $_.FullName).Replace('\', '/'); Path = $_.FullName } } |
    Sort-Object Name -Culture ([cultureinfo]::InvariantCulture) -CaseSensitive
$extensions = @($files.Name | ForEach-Object { [IO.Path]::GetExtension($_).TrimStart('.') } | Where-Object { $_ }) + 'nuspec' |
    Select-Object -Unique | Sort-Object -CaseSensitive

# The OPC parts NuGet readers expect; the core-properties part is named after the nuspec's hash.
$utf8 = [Text.UTF8Encoding]::new($false)
$propertiesName = 'package/services/metadata/core-properties/' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($utf8.GetBytes($nuspec))).Substring(0, 32).ToLowerInvariant() + '.psmdcp'
$contentTypes = @(
    '<?xml version="1.0" encoding="utf-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
    '  <Default Extension="psmdcp" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />'
    $extensions | ForEach-Object { "  <Default Extension=""$_"" ContentType=""application/octet"" />" }
    '</Types>'
) -join "`n"
$relationships = @"
<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/$id.nuspec" Id="R0" />
  <Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/$propertiesName" Id="R1" />
</Relationships>
"@
$coreProperties = @"
<?xml version="1.0" encoding="utf-8"?>
<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">
  <dc:creator>$(ConvertTo-XmlText $manifest.Author)</dc:creator>
  <dc:description>$(ConvertTo-XmlText $manifest.Description)</dc:description>
  <dc:identifier>$id</dc:identifier>
  <version>$version</version>
  <keywords>$(ConvertTo-XmlText ($tags -join ' '))</keywords>
</coreProperties>
"@

New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$package = Join-Path (Resolve-Path -LiteralPath $Destination).ProviderPath "$id.$version.nupkg"
$partial = "$package.partial"
$stream = [IO.File]::Create($partial)
try {
    $zip = [IO.Compression.ZipArchive]::new($stream, [IO.Compression.ZipArchiveMode]::Create)
    try {
        function Add-Entry([string] $Name, [byte[]] $Bytes) {
            $entry = $zip.CreateEntry($Name, [IO.Compression.CompressionLevel]::Optimal)
            $entry.LastWriteTime = $Timestamp
            $writer = $entry.Open()
            try { $writer.Write($Bytes, 0, $Bytes.Length) } finally { $writer.Dispose() }
        }
        Add-Entry '_rels/.rels' $utf8.GetBytes($relationships)
        Add-Entry "$id.nuspec" $utf8.GetBytes($nuspec)
        foreach ($file in $files) { Add-Entry $file.Name ([IO.File]::ReadAllBytes($file.Path)) }
        Add-Entry '[Content_Types].xml' $utf8.GetBytes($contentTypes)
        Add-Entry $propertiesName $utf8.GetBytes($coreProperties)
    }
    finally { $zip.Dispose() }
}
finally { $stream.Dispose() }
Move-Item -LiteralPath $partial -Destination $package -Force
Get-Item -LiteralPath $package

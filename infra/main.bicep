// The origin on Azure: a Linux Function App on the Flex Consumption plan running the .NET isolated worker,
// a media storage account (media and index-cache containers) it reaches with its managed identity, a separate
// storage account for the Functions host, Application Insights, and Azure Front Door caching by full URL.
targetScope = 'resourceGroup'

@description('azd environment name; names and tags derive from it')
param environmentName string
param location string = resourceGroup().location
@description('Memory per instance (MB): more memory also means more CPU')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 100

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
// Built-in role definitions
var storageBlobDataReader = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

// Media and the durable index cache: no keys, no public access; the app reads media and writes the cache.
resource media 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stmedia${token}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource mediaBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: media
  name: 'default'
}

resource mediaContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: mediaBlobs
  name: 'media'
}

resource indexCacheContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: mediaBlobs
  name: 'index-cache'
}

// The Functions host's own storage (deployment package, host state), kept apart from media.
resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sthost${token}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
  }
}

resource hostBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: hostStorage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: hostBlobs
  name: 'deployment'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${token}'
  location: location
  tags: tags
  properties: { retentionInDays: 30, sku: { name: 'PerGB2018' } }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'origin' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}deployment'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // functions/Origin.AzureFunctions: one HTTP trigger on the worker's ASP.NET Core server (host.json beside it).
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: hostStorage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'Origin__Mounts__vod__Path', value: '/vod' }
        { name: 'Origin__Mounts__vod__Storage', value: 'az://media' }
        { name: 'Origin__IndexCache', value: 'az://index-cache' }
        // Managed identity: no keys or connection strings in settings.
        { name: 'Origin__Azure__ServiceUri', value: media.properties.primaryEndpoints.blob }
      ]
    }
  }
}

// Least privilege: read media, read/write the index cache, own only the host's storage.
resource mediaReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: mediaContainer
  name: guid(mediaContainer.id, app.id, storageBlobDataReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource indexCacheWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: indexCacheContainer
  name: guid(indexCacheContainer.id, app.id, storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource hostOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, app.id, storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Azure Front Door: caches by the full URL (query string included, so CMS-driven variants stay apart) and keeps
// the origin's Cache-Control (segments a year, manifests briefly).
resource frontDoor 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-${token}'
  location: 'global'
  tags: tags
  sku: { name: 'Standard_AzureFrontDoor' }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: frontDoor
  name: 'origin-${token}'
  location: 'global'
  properties: { enabledState: 'Enabled' }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: frontDoor
  name: 'functions'
  properties: {
    loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 }
    healthProbeSettings: { probePath: '/healthz', probeRequestType: 'HEAD', probeProtocol: 'Https', probeIntervalInSeconds: 240 }
  }
}

resource functionOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: originGroup
  name: 'function-app'
  properties: {
    hostName: app.properties.defaultHostName
    originHostHeader: app.properties.defaultHostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'all'
  dependsOn: [ functionOrigin ]
  properties: {
    originGroup: { id: originGroup.id }
    supportedProtocols: [ 'Http', 'Https' ]
    patternsToMatch: [ '/*' ]
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Enabled'
    linkToDefaultDomain: 'Enabled'
    cacheConfiguration: {
      queryStringCachingBehavior: 'UseQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [ 'application/vnd.apple.mpegurl', 'application/dash+xml', 'text/xml' ]
      }
    }
  }
}

output ORIGIN_URL string = 'https://${endpoint.properties.hostName}'
output FUNCTION_APP_NAME string = app.name
output MEDIA_STORAGE_ACCOUNT string = media.name

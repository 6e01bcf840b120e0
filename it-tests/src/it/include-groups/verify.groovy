// includeGroups = apps: the apps API is generated, the core group's resource API is not.
def api = new File(basedir, 'target/generated-sources/ccigen/it/inc/api')
assert new File(api, 'apps/v1/Deployments.java').isFile()
assert !new File(api, 'core').exists()
assert !new File(api, 'batch').exists()
def client = new File(basedir, 'target/generated-sources/ccigen/it/inc/ApiClient.java').text
assert client.contains('it.inc.api.apps.v1.AppsV1 appsV1()')
assert !client.contains('it.inc.api.core.v1.')
return true

// The default configuration generates the CCI client and it compiles.
def log = new File(basedir, 'build.log').text
if (binding.hasVariable('minimumMaven')) { // the run on the oldest supported Maven (it-tests/pom.xml)
    assert log.contains("Apache Maven ${minimumMaven} ")
}
assert log =~ /ccigen: read .*cci\/openapi-v2\.json \+ listings .*cci\/discovery: \d+ models and \d+ API classes/
def gen = new File(basedir, 'target/generated-sources/ccigen/it/dflt')
assert new File(gen, 'ApiClient.java').isFile()
assert new File(gen, 'api/core/v1/Pods.java').isFile()
assert new File(gen, 'model/core/v1/Pod.java').isFile()
assert new File(basedir, 'target/classes/it/dflt/ApiClient.class').isFile()
assert new File(basedir, 'target/classes/it/dflt/api/apps/v1/Deployments.class').isFile()
assert new File(basedir, 'target/ccigen/default.checksum').isFile()
// ccigen:context writes what each template receives, for the POM's one execution of generate (id "default", its
// configuration from the plugin section), into a folder named after the execution.
def context = new File(basedir, 'target/ccigen-context/default')
['index.json', 'model.json', 'client.json', 'groupVersion.json', 'resource.json', 'operations.json', 'runtime.json'].each {
    assert new File(context, it).isFile() : "no ${it}"
}
def models = new groovy.json.JsonSlurper().parse(new File(context, 'model.json'))
assert models.find { it.className == 'Pod' && it.packageName == 'it.dflt.model.core.v1' }
def index = new groovy.json.JsonSlurper().parse(new File(context, 'index.json'))
assert index.templates.find { it.template == 'model.java.mustache' }
return true

// The README's complete consumer POM, as a user copies it, generates both clients, and they compile against the
// runtime library.
def log = new File(basedir, 'build.log').text
def classes = new File(basedir, 'target/classes/dev/ccigen/it')
assert new File(classes, 'cci/CciClient.class').isFile()
assert new File(classes, 'cci/Kinds.class').isFile()
assert !new File(classes, 'cci/runtime').exists() // the runtime is the library's
assert new File(classes, 'iam/IamClient.class').isFile()

// mvn ccigen:context, with the configuration inside the executions of generate: one folder per execution id.
['cci': 'dev.ccigen.it.cci', 'iam': 'dev.ccigen.it.iam'].each { id, pkg ->
    def context = new File(basedir, "target/ccigen-context/${id}")
    ['index.json', 'model.json', 'client.json', 'groupVersion.json', 'resource.json', 'operations.json', 'runtime.json'].each {
        assert new File(context, it).isFile() : "no ${id}/${it}"
    }
    def client = new groovy.json.JsonSlurper().parse(new File(context, 'client.json'))
    assert client.basePackage == pkg
    assert log.contains("(execution ${id}, 7 files) to ${context}")
}
assert !log.contains('are missing or invalid')

// mvn ccigen:help -Ddetail, then mvn help:describe -Ddetail: each shows the parameters' text whole (help:describe reads
// it as HTML: an angle-bracket placeholder would vanish there).
def describeAt = log.indexOf('maven-help-plugin:')
assert describeAt > 0
[log.substring(0, describeAt), log.substring(describeAt)].each { text ->
    assert text.contains('ccigen:generate')
    assert text.contains('{{templateProperties.vendor}}')
    assert text.replaceAll(/\s+/, ' ').contains('perModel/Dto.java.mustache adds PodDto.java beside each model class')
}
return true

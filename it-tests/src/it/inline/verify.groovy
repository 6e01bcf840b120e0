// runtime=inline: the runtime and the test server's generic part are sources of the client's own packages, nothing of
// ccigen is on the class path, and the behaviour tests pass against that client.
def gen = new File(basedir, 'target/generated-sources/ccigen/dev/ccigen/it/cci')
assert new File(gen, 'runtime/Transport.java').text.startsWith('package dev.ccigen.it.cci.runtime;')
assert !new File(gen, 'CciClient.java').text.contains('RuntimeVersion')
def tests = new File(basedir, 'target/generated-test-sources/ccigen/dev/ccigen/it/cci')
assert new File(tests, 'testserver/ApiTestServer.java').text.startsWith('package dev.ccigen.it.cci.testserver;')
def log = new File(basedir, 'build.log').text
assert !(log =~ /ccigen-(runtime|test-server)/) : 'no ccigen library is resolved'
def reports = new File(basedir, 'target/surefire-reports')
['CciBehaviourTest', 'TestServerBehaviourTest', 'TestServerSemanticsTest', 'CciAkSkTest'].each {
    def report = new File(reports, "TEST-dev.ccigen.it.${it}.xml")
    assert report.isFile() : "${it} did not run"
    def suite = new groovy.xml.XmlSlurper().parse(report)
    assert suite.@tests.text().toInteger() > 0 && suite.@failures.text() == '0' && suite.@errors.text() == '0'
}
return true

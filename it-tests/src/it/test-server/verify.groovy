// The consumer's own tests ran against the generated test server, which went to the test sources only.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('; test server in ')
assert new File(basedir, 'target/generated-test-sources/ccigen/com/example/cci/CciClientTestServer.java').isFile()
assert new File(basedir, 'target/test-classes/com/example/cci/CciClientTestServer.class').isFile()
assert !new File(basedir, 'target/classes/com/example/cci/CciClientTestServer.class').exists()
assert !new File(basedir, 'target/test-classes/com/example/cci/testserver').exists() // the ccigen-test-server library's
assert new File(basedir, 'target/classes/com/example/jobs/PodJanitor.class').isFile()
return true

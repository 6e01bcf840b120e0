// Four builds (invoker.properties); the service of prebuild.groovy is stopped whatever happens.
try {
    def log = new File(basedir, 'build.log').text
    def lines = log.readLines().findAll { it.contains('ccigen: ') }.collect { it.replaceFirst(/^.*?ccigen: /, '') }
    def ccigen = new File(basedir, 'src/main/ccigen')
    // 1: fetched through an IAM token for the settings.xml server "cci", whose password is encrypted there
    assert lines.find { it ==~ /fetched document \+ 6 listings from http:\/\/127\.0\.0\.1:\d+ \(IAM token of the user of settings\.xml server "cci"\) into src\/main\/ccigen\/openapi-v2\.json \+ listings src\/main\/ccigen\/discovery \(\d+ ms\); changes:/ } : lines.join('\n')
    assert lines.contains('  + group-version batch/v1') && lines.contains('  + group-version v1') : lines.join('\n')
    def listings = new File(ccigen, 'discovery').list().sort()
    assert listings == ['api.json', 'api__v1.json', 'apis.json', 'apis__batch.json', 'apis__batch__v1.json',
                        'apis__batch__v1beta1.json'] : listings
    // the service's files, byte for byte: the canonical layout is the one of specs/
    new File(basedir, 'src/main/ccigen/discovery').eachFile { f ->
        if (f.name != 'apis.json') { // kept to the groups fetched
            assert f.text == new File(ccigenSpecs, "cci/discovery/${f.name}").text : f.name
        }
    }
    // 2: generated from what was fetched, and compiled
    assert lines.find { it =~ /^read src\/main\/ccigen\/openapi-v2\.json \+ listings src\/main\/ccigen\/discovery: \d+ models/ } : lines.join('\n')
    assert new File(basedir, 'target/classes/com/example/cci/api/batch/v1/Jobs.class').isFile()
    assert !new File(basedir, 'target/generated-sources/ccigen/com/example/cci/api/apps').exists() : 'apps was not fetched'
    // 3: nothing changed
    assert lines.find { it =~ /^fetch check: .* serves what .* hold \(document \+ 6 listings, \d+ ms\)/ } : lines.join('\n')
    // 4: the drift check names each difference, and fails
    assert log =~ /fetch check: http:\/\/127\.0\.0\.1:\d+ \(IAM token of the user of settings\.xml server "cci"\) differs from /
    assert log.contains('+ resource batch/v1 jobs/status') : log
    assert log.contains('~ verbs of batch/v1 jobs: -deletecollection') : log
    // and wrote nothing (FetchJobTest shows a fetch taking such a change)
    assert new File(ccigen, 'discovery/apis__batch__v1.json').text == new File(ccigenSpecs, 'cci/discovery/apis__batch__v1.json').text
    // no secret in any output, no stack trace
    ['it-iam-password-secret', 'MII-it-fetch-token'].each { assert !log.contains(it) : "${it} in build.log" }
    assert !log.contains('\tat ') : 'a stack trace in build.log'
    assert System.properties['ccigen.it.fetch.requests'].contains('POST /v3/auth/tokens')
    return true
} finally {
    System.properties.remove('ccigen.it.fetch.server')?.stop(0)
}

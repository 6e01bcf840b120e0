// Each bad setting fails the build with a message naming the parameter, and the output of the first build is untouched.
def log = new File(basedir, 'build.log').text
assert log.contains('ccigen: basePackage "com.example-cci" is not a Java package name: "example-cci" holds \'-\'')
assert log.contains('ccigen: clientName "Transport" is also the name of the runtime class dev.ccigen.runtime.Transport')
assert log.contains('ccigen: with runtime=library (the default) the generated code uses ccigen\'s libraries of the plugin\'s version')
assert log.contains('the project does not depend on dev.ccigen:ccigen-runtime')
assert log.contains('    <artifactId>ccigen-runtime</artifactId>')
assert log =~ /ccigen: includeGroups names "app", which neither the document nor the listings have \(did you mean "apps"\?\); the groups are: .*apps \(v1\).*core \(v1\)/
assert !log.contains('\tat dev.ccigen') // no stack trace

// The output is as the first build left it: the same number of files (the generated ones and the marker), none written
// after the first build's manifest of the output (the marker is rewritten by every generation that gets that far).
def out = new File(basedir, 'target/generated-sources/ccigen')
def manifest = new File(basedir, 'target/ccigen/default.outputs')
def generated = (log =~ /ccigen: read .*\((\d+) files: \1 written, 0 unchanged, 0 removed\)/)
assert generated.find() && log.count('ccigen: read ') == 1
def files = []
out.eachFileRecurse { if (it.isFile()) files << it }
assert files.size() == (generated.group(1) as int) + 1
assert manifest.text.startsWith("${files.size()} files, ")
files.each { assert it.lastModified() <= manifest.lastModified() : "${it} was written after the first build" }
assert new File(out, '.ccigen-output').isFile()
assert new File(out, 'it/bad/CciClient.java').isFile()
assert !new File(basedir, 'target/generated-sources/ccigen.ccigen-staging').exists()
return true

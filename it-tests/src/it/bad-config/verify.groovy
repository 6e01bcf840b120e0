// Each bad setting fails the build with a message naming the parameter, and the output of the first build is untouched.
def log = new File(basedir, 'build.log').text
assert log.contains('ccigen: basePackage "com.example-cci" is not a Java package name: "example-cci" holds \'-\'')
assert log.contains('ccigen: clientName "Transport" is also the name of the runtime class it.bad.runtime.Transport')
assert log =~ /ccigen: includeGroups names "app", which neither the document nor the listings have \(did you mean "apps"\?\); the groups are: .*apps \(v1\).*core \(v1\)/
assert !log.contains('Exception:') || !log.contains('\tat dev.ccigen') // no stack trace

// The manifest the first build wrote (path=size time per file) still describes the output exactly.
def out = new File(basedir, 'target/generated-sources/ccigen')
def manifest = new File(basedir, 'target/ccigen/default.outputs').readLines().findAll { it.startsWith('output:') }
assert manifest.size() > 100
def now = [] as Set
out.eachFileRecurse { if (it.isFile()) now << out.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert now.size() == manifest.size()
manifest.each { line ->
    def (name, attrs) = line.substring('output:'.length()).split('=', 2)
    def (size, time) = attrs.split(' ')
    def f = new File(out, name)
    assert f.isFile() && f.length() == size as long && f.lastModified() == time as long : "${name} changed"
}
assert new File(out, 'it/bad/CciClient.java').isFile()
assert !new File(basedir, 'target/generated-sources/ccigen.ccigen-staging').exists()
return true

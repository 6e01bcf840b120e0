// Run twice: the second run says "up to date" and touches no file (every generated file is older than the stamp
// written at the end of the first run).
def log = new File(basedir, 'build.log').text
assert log =~ /ccigen: up to date \(.*iam\/openapi-v2\.json, \d+ ms\)/
def stamp = new File(basedir, 'target/ccigen/default.checksum')
assert stamp.isFile() && stamp.text.trim() ==~ /[0-9a-f]{16}/
def files = []
new File(basedir, 'target/generated-sources/ccigen').eachFileRecurse { if (it.isFile()) files << it }
assert files.size() > 20
files.each { assert it.lastModified() <= stamp.lastModified() : "${it} was written again" }
return true

// CRD manifests Kubernetes would refuse fail the build with each problem at its file, line and column, without a
// stack trace, and write nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /src\/main\/ccigen\/crds\/widgets\.yaml:11:\d+/ : 'the scope, at its line'
assert log =~ /src\/main\/ccigen\/crds\/gadgets\.yaml:\d+:\d+/ : 'the syntax error, at its line'
// (Maven's own checksum warnings of a fresh local repository may carry stack traces: only ccigen's are looked for)
assert !(log =~ /(?m)^\s+at dev\.ccigen\./) : 'no stack trace without -e'
assert !(log =~ /(?m)^\[ERROR\] {2,}.*(Exception|Error:)/) : 'problems, not exceptions'
assert !new File(basedir, 'target/generated-sources/ccigen').exists()
return true

// A syntax error fails the build with the file, line and column, without a stack trace, and writes nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /src\/main\/ccigen\/openapi-v2\.json:4:\d+/
assert !(log =~ /(?m)^\s+at [a-z]+\./) : 'no stack trace without -e'
assert !new File(basedir, 'target/generated-sources/ccigen').exists()
return true

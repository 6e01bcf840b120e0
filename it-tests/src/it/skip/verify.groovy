// ccigen.skip=true: nothing generated.
def log = new File(basedir, 'build.log').text
assert log.contains('ccigen: skipped')
assert !new File(basedir, 'target/generated-sources/ccigen').exists()
return true

// The plugin (its templates in a jar) knows the default template and block names, and says which one was meant.
def log = new File(basedir, 'build.log').text
def file = 'Client.java.mustache: templateDirectory: Client.java.mustache matches no template (did you mean client.java.mustache?); it is not used'
def block = 'model.java.mustache: templateDirectory: block {{$tostring}} matches no block of model-base.java.mustache (did you mean {{$toString}}?); it is not used'
def warnings = log.readLines().findAll { it.startsWith('[WARNING] ccigen: ') }
assert warnings.size() == 2 && warnings[0].endsWith(file) && warnings[1].endsWith(block) : warnings.join('\n')
assert log =~ /ccigen: read .*iam\/openapi-v2\.json \+ templates /
// under strict: the same two, as errors, and the first run's output stays
def strict = log.indexOf('ccigen: the template folder has files or blocks that match no template (2 errors):')
assert strict > 0 && log.indexOf(file, strict) > 0 && log.indexOf(block, strict) > 0
assert new File(basedir, 'target/generated-sources/ccigen/it/typos/IamClient.java').text.contains('class IamClient')
return true

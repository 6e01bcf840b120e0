// model.java.mustache overrides only the toString block of model-base.java; once/Greeting.java adds a file.
def log = new File(basedir, 'build.log').text
assert log.contains('+ templates ')
def gen = new File(basedir, 'target/generated-sources/ccigen/it/tpl')
def model = new File(gen, 'model/TokenResult.java').text
assert model.contains('return "TokenResult (toString overridden)";')
assert !model.contains('StringJoiner s = new StringJoiner')
assert model.contains('public boolean equals(Object o)') // the rest of model-base.java is still there
assert new File(gen, 'Greeting.java').text.contains('"made by template-override"')
assert !new File(gen, 'IamClient.java').text.contains('overridden') // other templates stay the defaults
assert new File(basedir, 'target/classes/it/tpl/model/TokenResult.class').isFile()
assert new File(basedir, 'target/classes/it/tpl/Greeting.class').isFile()
return true

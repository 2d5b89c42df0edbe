from reader.main import run

run()

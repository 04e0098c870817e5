import sys

from .cli import run

result = run(sys.argv[1:])
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
sys.exit(result.exit_code)

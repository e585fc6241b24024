"""Where the seed documents are: CI checks the repository out next to ``shared/``."""

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_000 = "000_84ab9941a4664186.txt"
SEED_001 = "001_74f24671ddc46132.txt"
SEED_002 = "002_6a9db726f69b5b99.txt"
SEED_003 = "003_7bc38323c400b0c0.txt"
SEED_004 = "004_9a3883f78e35efc3.txt"

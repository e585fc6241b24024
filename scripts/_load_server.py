"""Launch the API in a child process for the load script and the fault tests.

Run as a script, it is the launcher: settings from the environment (``RECOMMENDER_*``,
as ``recommender serve``), the app from :func:`api.app.create_app`, uvicorn on a loopback
port (``--port 0``: a free one, written to ``--port-file`` once bound). The model is the
real one, loaded by the app's start-up as in production, unless ``--fake-encoder`` asks
for the hashing encoder (no model, quick). A start-up problem (a broken role profile, a
missing model package) ends the launcher with one line naming it and a non-zero exit::

    python scripts/_load_server.py --port-file /tmp/port [--port 0] [--fake-encoder]
        [--database-url sqlite:///tmp/x.sqlite3]

Imported, :class:`ServerProcess` starts that launcher, waits until ``/ready`` answers 200,
and stops (SIGTERM) or kills (SIGKILL) it.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = Path(__file__).resolve()
LOOPBACK = "127.0.0.1"
EXIT_STARTUP_FAILED = 3  # what uvicorn itself exits with when the app's start-up fails


# ----------------------------------------------------------------------------- the launcher


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--port-file", type=Path, required=True, help="where to write the bound port")
    parser.add_argument("--database-url", help="overrides RECOMMENDER_DATABASE_URL")
    parser.add_argument("--fake-encoder", action="store_true", help="hashing encoder instead of the model")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    import uvicorn

    from api.app import create_app
    from api.main import configure_logging
    from recommender.config import Settings
    from recommender.errors import RecommenderError

    overrides = {"database_url": args.database_url} if args.database_url else {}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    configure_logging(settings.log_level)
    recommender = None
    if args.fake_encoder:
        from recommender.encoder import HashingEncoder
        from recommender.matcher import Recommender
        from recommender.profiles import load_catalog

        try:
            # No disk cache: parallel launchers would race on the same cache file.
            recommender = Recommender(load_catalog(settings.profile_dir), HashingEncoder(), cache_dir=None)
        except RecommenderError as exc:
            print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
            return 1
    app = create_app(settings, recommender)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, args.port))
    partial = args.port_file.with_name(args.port_file.name + ".partial")
    partial.write_text(str(sock.getsockname()[1]), encoding="ascii")
    partial.replace(args.port_file)  # readers never see a half-written port

    config = uvicorn.Config(
        app,
        log_level=settings.log_level.lower(),
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0 if server.started else EXIT_STARTUP_FAILED


# ----------------------------------------------------------------------------- the parent's side


class ServerStartError(RuntimeError):
    """The launcher exited or did not become ready; the message ends with its log."""


@dataclass
class ServerProcess:
    """A running launcher: its process, port and log file."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @classmethod
    def start(
        cls,
        workdir: Path,
        *,
        database_url: str,
        fake_encoder: bool,
        env: dict[str, str] | None = None,
        ready_timeout: float = 180.0,
        name: str = "server",
    ) -> ServerProcess:
        """Start the launcher and return once ``GET /ready`` answers 200."""
        import httpx

        workdir.mkdir(parents=True, exist_ok=True)
        port_file = workdir / f"{name}.port"
        port_file.unlink(missing_ok=True)
        log_path = workdir / f"{name}.log"
        command = [
            sys.executable,
            str(LAUNCHER),
            "--port-file",
            str(port_file),
            "--database-url",
            database_url,
        ]
        if fake_encoder:
            command.append("--fake-encoder")
        child_env = dict(os.environ if env is None else env)
        child_env.setdefault("PYTHONUNBUFFERED", "1")
        with log_path.open("ab") as log:
            process = subprocess.Popen(command, env=child_env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + ready_timeout
        try:
            with httpx.Client(timeout=5.0, trust_env=False) as client:
                while time.monotonic() < deadline:
                    if process.poll() is not None:
                        raise ServerStartError(f"the server exited with {process.returncode}")
                    if port_file.exists():
                        server = cls(process, int(port_file.read_text(encoding="ascii")), log_path)
                        try:
                            if client.get(f"{server.base_url}/ready").status_code == 200:
                                return server
                        except httpx.TransportError:
                            pass  # bound but not serving yet
                    time.sleep(0.1)
            raise ServerStartError(f"the server was not ready within {ready_timeout:.0f} s")
        except BaseException as exc:
            if process.poll() is None:
                process.kill()
                process.wait()
            if isinstance(exc, ServerStartError):
                raise ServerStartError(
                    f"{exc}; its log:\n{log_path.read_text(errors='replace')[-4000:]}"
                ) from None
            raise

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM (uvicorn shuts down gracefully), SIGKILL if it lingers; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye (a crash or an OOM kill)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


if __name__ == "__main__":
    sys.exit(main())

"""`eventwire serve`: the JSON API, the map, event and review pages, in one process.

``create_app(store_url, token)`` builds the FastAPI app; ``serve`` runs it with uvicorn,
bound to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import os
from typing import Optional

from .. import errors


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: Optional[str] = None) -> None:
    """Serve the store at ``db``; writes need ``token`` (or EVENTWIRE_TOKEN), else read-only."""
    try:
        import uvicorn

        from .app import create_app
    except ImportError:
        raise errors.EventwireError(errors.E206) from None
    app = create_app(db, token or os.environ.get("EVENTWIRE_TOKEN") or None)
    uvicorn.run(app, host=host, port=port, log_level="info")


__all__ = ["serve"]

"""Names: masked for callers who do not need them (UU PDP treats a name as personal data)."""


def mask_name(name: str) -> str:
    """The first letter of each word: `Siti Rahmawati` -> `S*** R***`."""
    return " ".join(word[0] + "***" for word in name.split() if word)

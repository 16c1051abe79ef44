"""Analytics read other apps' tables through selectors; this app owns no table."""

<?xml version="1.0"?>
<channel href="https://example.org/">
  <title>Lower-case CDF</title>
  <abstract>Element names in lower case, as some generators wrote them</abstract>
  <item href="https://example.org/a.html" lastmod="2001-02-03T04:05">
    <title>Item A</title>
    <abstract>About A</abstract>
  </item>
  <item href="https://example.org/b.html">
    <title>Item B</title>
  </item>
</channel>

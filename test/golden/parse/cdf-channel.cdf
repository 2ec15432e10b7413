<?XML VERSION="1.0" ENCODING="UTF-8"?>
<CHANNEL HREF="http://www.example.com/index.html" BASE="http://www.example.com/news/" LASTMOD="1998-11-05T22:12" PRECACHE="YES" LEVEL="0">
  <TITLE>Example News Channel</TITLE>
  <ABSTRACT>Headlines from Example, as an Active Channel</ABSTRACT>
  <LOGO HREF="logo-wide.gif" STYLE="IMAGE-WIDE"/>
  <LOGO HREF="logo-icon.gif" STYLE="ICON"/>
  <SCHEDULE STARTDATE="1998-11-01"><INTERVALTIME DAY="1"/></SCHEDULE>
  <ITEM HREF="story1.html" LASTMOD="1998-11-05T22:12">
    <TITLE>First story</TITLE>
    <ABSTRACT>What happened first &amp; why.</ABSTRACT>
  </ITEM>
  <ITEM HREF="http://www.example.com/hidden.html">
    <USAGE VALUE="None"/>
  </ITEM>
  <CHANNEL HREF="sports/index.html" BASE="http://www.example.com/sports/">
    <TITLE>Sports</TITLE>
    <ITEM HREF="match.html" LASTMOD="1998-11-04T08:00">
      <TITLE>The match</TITLE>
      <ABSTRACT>
        A close game.
      </ABSTRACT>
      <USAGE VALUE="Channel"/>
    </ITEM>
  </CHANNEL>
  <ITEM HREF="story2.html" LASTMOD="not a date">
    <TITLE>Second story</TITLE>
  </ITEM>
</CHANNEL>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Turns <passes layout="single|bundle"><pass>...</pass></passes> (built by PassPdfRenderer) into XSL-FO.
  Both layouts place the same 105×148 mm pass cell, so a pass looks identical on its own A6 page and in
  the A4 print bundle (2×2 cells tile A4 exactly, leaving a 1 mm strip at the bottom).
  Printers cannot print to the paper edge, so the pass content sits 6 mm inside its cell.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:template match="/passes">
    <fo:root font-family="Noto Sans" font-size="8pt" line-height="1.25" language="vi">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="a6" page-width="105mm" page-height="148mm" margin="0">
          <fo:region-body margin="0"/>
        </fo:simple-page-master>
        <fo:simple-page-master master-name="a4" page-width="210mm" page-height="297mm" margin="0">
          <fo:region-body margin="0"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <xsl:choose>
        <xsl:when test="@layout = 'bundle'">
          <xsl:for-each select="pass[position() mod 4 = 1]">
            <fo:page-sequence master-reference="a4">
              <fo:flow flow-name="xsl-region-body">
                <xsl:call-template name="cut-guides"/>
                <xsl:for-each select=". | following-sibling::pass[position() &lt; 4]">
                  <xsl:apply-templates select=".">
                    <xsl:with-param name="left" select="concat(((position() - 1) mod 2) * 105 + 6, 'mm')"/>
                    <xsl:with-param name="top" select="concat(floor((position() - 1) div 2) * 148 + 6, 'mm')"/>
                  </xsl:apply-templates>
                </xsl:for-each>
              </fo:flow>
            </fo:page-sequence>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="pass">
            <fo:page-sequence master-reference="a6">
              <fo:flow flow-name="xsl-region-body">
                <xsl:apply-templates select="."/>
              </fo:flow>
            </fo:page-sequence>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </fo:root>
  </xsl:template>

  <!-- Dashed guides on the cut lines: x = 105 mm, y = 148 mm and y = 296 mm (the bottom strip is trimmed). -->
  <xsl:template name="cut-guides">
    <fo:block-container absolute-position="absolute" left="105mm" top="0mm" width="0mm" height="296mm"
                        border-left="0.3pt dashed #808080">
      <fo:block/>
    </fo:block-container>
    <fo:block-container absolute-position="absolute" left="0mm" top="148mm" width="210mm" height="0mm"
                        border-top="0.3pt dashed #808080">
      <fo:block/>
    </fo:block-container>
    <fo:block-container absolute-position="absolute" left="0mm" top="296mm" width="210mm" height="0mm"
                        border-top="0.3pt dashed #808080">
      <fo:block/>
    </fo:block-container>
  </xsl:template>

  <xsl:template match="pass">
    <xsl:param name="left" select="'6mm'"/>
    <xsl:param name="top" select="'6mm'"/>
    <!-- The 93 × 136 mm content area of a 105 × 148 mm cell, positioned with the 6 mm margin already added
         (padding on a block-container does not indent its content in XSL-FO). Overflow is clipped so a very
         long value can never spill into the neighbouring pass of a bundle. -->
    <fo:block-container absolute-position="absolute" left="{$left}" top="{$top}"
                        width="93mm" height="136mm" overflow="hidden">
      <fo:block text-align="center" font-weight="bold" font-size="7.5pt">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</fo:block>
      <fo:block text-align="center" font-weight="bold" font-size="7.5pt">Độc lập - Tự do - Hạnh phúc</fo:block>
      <fo:block text-align="center" line-height="0.6">
        <fo:leader leader-pattern="rule" leader-length="32mm" rule-thickness="0.5pt"/>
      </fo:block>

      <fo:block text-align="center" font-size="7.5pt" space-before="1.5mm">
        <xsl:value-of select="ward"/> – <xsl:value-of select="district"/>
      </fo:block>

      <fo:block text-align="center" font-weight="bold" font-size="15pt" letter-spacing="0.4pt" space-before="1.5mm">
        <xsl:choose>
          <xsl:when test="@kind = 'MARKET_CARD'">THẺ ĐI CHỢ</xsl:when>
          <xsl:otherwise>GIẤY ĐI ĐƯỜNG</xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <fo:block text-align="center" font-size="8pt">Số: <xsl:value-of select="number"/></fo:block>

      <!-- The zone is written in black on white inside the coloured band so it survives black-and-white printing. -->
      <fo:block text-align="center" space-before="1.5mm" padding="0.8mm" margin-left="0mm" margin-right="0mm">
        <xsl:attribute name="background-color">
          <xsl:choose>
            <xsl:when test="@zone = 'RED'">#C62828</xsl:when>
            <xsl:when test="@zone = 'ORANGE'">#EF6C00</xsl:when>
            <xsl:otherwise>#2E7D32</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <fo:inline background-color="#FFFFFF" color="#000000" font-weight="bold" font-size="9pt"
                   padding-left="3mm" padding-right="3mm">
          <xsl:value-of select="@zoneLabel"/>
        </fo:inline>
      </fo:block>

      <!-- 44 mm including the 4-module quiet zone. -->
      <fo:block text-align="center" space-before="1mm" line-height="1" font-size="0pt">
        <fo:external-graphic src="url('{qr}')" content-width="44mm" content-height="44mm" scaling="uniform"/>
      </fo:block>

      <fo:table table-layout="fixed" width="100%" space-before="1mm">
        <fo:table-column column-width="28mm"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-body>
          <xsl:call-template name="row">
            <xsl:with-param name="label">
              <xsl:choose>
                <xsl:when test="@kind = 'MARKET_CARD'">Người đi chợ:</xsl:when>
                <xsl:otherwise>Họ và tên:</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="value" select="holderName"/>
            <xsl:with-param name="bold" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">Số CCCD/CMND:</xsl:with-param>
            <xsl:with-param name="value" select="idNumber"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">Ngày sinh:</xsl:with-param>
            <xsl:with-param name="value" select="dateOfBirth"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">Cơ quan, đơn vị:</xsl:with-param>
            <xsl:with-param name="value" select="organization"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">Hộ gia đình:</xsl:with-param>
            <xsl:with-param name="value" select="household"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">Địa chỉ:</xsl:with-param>
            <xsl:with-param name="value" select="address"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">Nơi đến:</xsl:with-param>
            <xsl:with-param name="value" select="destination"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">Mục đích:</xsl:with-param>
            <xsl:with-param name="value" select="purpose"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label">
              <xsl:choose>
                <xsl:when test="@kind = 'MARKET_CARD'">Ngày đi chợ:</xsl:when>
                <xsl:otherwise>Thời gian được đi:</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="value" select="allowedDays"/>
            <xsl:with-param name="bold" select="@kind = 'MARKET_CARD'"/>
          </xsl:call-template>
        </fo:table-body>
      </fo:table>

      <fo:block text-align="center" font-weight="bold" font-size="8.5pt" space-before="1.5mm">Có giá trị từ <xsl:value-of select="validFrom"/> đến <xsl:value-of select="validUntil"/></fo:block>

      <fo:block text-align="center" font-size="7pt" space-before="1.5mm" border="0.5pt solid #000000" padding="0.8mm"
                margin-left="1mm" margin-right="1mm">Đã đóng dấu điện tử: <xsl:value-of select="policeUnit"/> — <xsl:value-of select="stampedAt"/></fo:block>
      <fo:block text-align="center" font-size="5.5pt" color="#404040" space-before="0.5mm">Khóa ký: <xsl:value-of select="keyId"/></fo:block>
      <fo:block text-align="center" font-size="6.5pt" space-before="1mm">Xuất trình kèm CCCD/CMND. Kiểm tra: quét mã QR.</fo:block>
    </fo:block-container>
  </xsl:template>

  <!-- One label/value line of the holder table; left out when the value is absent. -->
  <xsl:template name="row">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:if test="$value">
      <fo:table-row>
        <fo:table-cell padding-top="0.3mm">
          <fo:block color="#404040"><xsl:copy-of select="$label"/></fo:block>
        </fo:table-cell>
        <fo:table-cell padding-top="0.3mm">
          <fo:block>
            <xsl:if test="$bold">
              <xsl:attribute name="font-weight">bold</xsl:attribute>
              <xsl:attribute name="font-size">9pt</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="$value"/>
          </fo:block>
        </fo:table-cell>
      </fo:table-row>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

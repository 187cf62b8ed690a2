<?php
namespace Klaviyo\Reclaim\Model;

use Magento\Quote\Api\CartRepositoryInterface;

/**
 * Restores an abandoned cart from the link in a Klaviyo flow e-mail (sample content written for MageUp).
 */
class QuoteReclaim
{
    private $quoteRepository;

    public function __construct(CartRepositoryInterface $quoteRepository)
    {
        $this->quoteRepository = $quoteRepository;
    }

    public function load(int $quoteId)
    {
        return $this->quoteRepository->get($quoteId);
    }
}
